// The new-board form: builds the contract from the fields, validates it with the registry's own zod schema and checks, previews the steps.
import { deviceTypeSchema } from '../../src/schema/device-type.ts';
import { schemaDiagnostics } from '../../src/diagnostics/schema-issues.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { parseJsonText } from '../../src/registry/json-source.ts';
import { mergeDefaults } from '../../src/registry/inherit.ts';
import { installMethodOf } from '../../src/instructions/install-method.ts';
import { renderInstructions } from '../../src/instructions/render.ts';
import { schemaPathFor } from '../../src/registry/serialize.ts';

type Context = { repositoryUrl: string; taken: string[]; families: { slug: string; name: string; defaults: Record<string, any> }[] };

const context = JSON.parse(document.getElementById('form-context')!.textContent!) as Context;
const form = document.querySelector<HTMLFormElement>('[data-board-form]')!;
const output = document.querySelector<HTMLElement>('[data-board-output]')!;
const errors = output.querySelector<HTMLElement>('[data-errors]')!;
const jsonBox = output.querySelector<HTMLTextAreaElement>('[data-json]')!;
const github = output.querySelector<HTMLAnchorElement>('[data-github]')!;
form.hidden = false;
output.hidden = false;

function contractFromForm(): Record<string, any> {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const hardware = Object.fromEntries(
    ['wifi', 'bluetooth', 'ethernet', 'hdmi', 'led', 'internalStorage']
      .map((k) => [k, text(`hardware.${k}`)])
      .filter(([, v]) => v)
      .map(([k, v]) => [k, v === 'true']),
  );
  const alternateMedia = data.getAll('alternateMedia').map(String);
  const boot = {
    ...(text('defaultMedia') && { defaultMedia: text('defaultMedia') }),
    ...(alternateMedia.length && { alternateMedia }),
    ...(text('flashProtocol') && { flashProtocol: text('flashProtocol') }),
  };
  return {
    $schema: schemaPathFor('hw.device-type'),
    type: 'hw.device-type',
    slug: text('slug'),
    name: text('name'),
    family: text('family'),
    state: text('state'),
    ...(text('arch') && { arch: text('arch') }),
    ...(text('soc') && { soc: text('soc') }),
    ...(Object.keys(hardware).length && { hardware }),
    ...(Object.keys(boot).length && { boot }),
    ...(text('product') && { links: { product: text('product') } }),
    sources: text('sources').split(/\s+/).filter(Boolean),
  };
}

function show(messages: string[]) {
  errors.replaceChildren();
  if (messages.length === 0) {
    const ok = document.createElement('p');
    ok.textContent = '✔ The contract is valid.';
    errors.append(ok);
    return;
  }
  const list = document.createElement('ul');
  list.className = 'form-errors';
  for (const message of messages) {
    const item = document.createElement('li');
    item.textContent = message;
    list.append(item);
  }
  errors.append(list);
}

function update() {
  const contract = contractFromForm();
  const text = `${JSON.stringify(contract, null, 2)}\n`;
  const file = `contracts/hw.device-type/${contract.slug || '<slug>'}/contract.json`;
  jsonBox.value = text;
  output.querySelector('[data-path]')!.textContent = file;
  const parsed = parseJsonText(text);
  const messages: string[] = [];
  if (parsed.ok) {
    const result = deviceTypeSchema.safeParse(parsed.source.value);
    if (!result.success)
      messages.push(...schemaDiagnostics(deviceTypeSchema, parsed.source, file, result.error.issues).map(formatDiagnostic));
  }
  if (contract.slug && context.taken.includes(contract.slug))
    messages.push(`${file}: the slug "${contract.slug}" is already a board or an alias; pick another`);
  const family = context.families.find((f) => f.slug === contract.family);
  const merged = mergeDefaults(family?.defaults ?? {}, contract);
  if (!merged.arch) messages.push(`${file}: expected an architecture (set it here or pick a family that has one)`);
  if (!merged.boot?.defaultMedia) messages.push(`${file}: expected a default boot medium`);
  show(messages);
  const method = document.querySelector<HTMLElement>('[data-method]')!;
  const steps = document.querySelector<HTMLElement>('[data-steps]')!;
  if (merged.boot?.defaultMedia) {
    const installMethod = installMethodOf({
      defaultMedia: merged.boot.defaultMedia,
      alternateMedia: merged.boot.alternateMedia ?? [],
      flashProtocol: merged.boot.flashProtocol,
    });
    method.textContent = `Install method: ${installMethod.method}${installMethod.tool ? ` (${installMethod.tool})` : ''}. Steps on Linux:`;
    // renderInstructions escapes every character of contract text, so this HTML is safe to insert.
    steps.innerHTML = renderInstructions(
      {
        slug: contract.slug,
        name: contract.name || 'the board',
        installMethod,
        instructions: { unverified: false, ...(merged.instructions?.steps && { steps: merged.instructions.steps }) },
      },
      'linux',
      'html',
    );
  } else {
    method.textContent = 'Choose a default boot medium to see the install method.';
    steps.replaceChildren();
  }
  const valid = messages.length === 0;
  github.setAttribute('aria-disabled', String(!valid));
  github.href = valid ? `${context.repositoryUrl}/new/main?filename=${encodeURIComponent(file)}&value=${encodeURIComponent(text)}` : '#';
}

form.addEventListener('input', update);
form.addEventListener('change', update);
github.addEventListener('click', (event) => {
  if (github.getAttribute('aria-disabled') === 'true') event.preventDefault();
});
output.querySelector('[data-copy]')!.addEventListener('click', () => void navigator.clipboard?.writeText(jsonBox.value));
update();
