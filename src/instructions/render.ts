// Renders a resolved board's provisioning instructions for one host OS as structured steps, Markdown, plain text or safe HTML.
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import type { HostOs, ProcedurePoint } from '../schema/vocabulary.ts';
import type { Step } from '../schema/steps.ts';
import { procedureFor } from './procedure.ts';
import { DEFAULT_SETTINGS, MEDIUM_NAMES, stepSentence, type Fragment, type RenderSettings } from './sentences.ts';

export const INSTRUCTION_FORMATS = ['json', 'md', 'text', 'html'] as const;
export type InstructionFormat = (typeof INSTRUCTION_FORMATS)[number];

export interface RenderedStep {
  /** 1-based position in the list for this host. */
  number: number;
  point: ProcedurePoint;
  step: Step;
  /** The sentence as fragments: plain text and links. */
  fragments: Fragment[];
  /** The sentence as plain text (links as "text (url)"). */
  text: string;
}

export interface RenderedInstructions {
  board: string;
  host: HostOs;
  installMethod: ResolvedBoard['installMethod'];
  unverified: boolean;
  steps: RenderedStep[];
}

type Renderable = Pick<ResolvedBoard, 'slug' | 'name' | 'installMethod' | 'instructions'>;

function plain(fragments: Fragment[]): string {
  return fragments.map((f) => (typeof f === 'string' ? f : `${f.text} (${f.href})`)).join('');
}

/** The steps for one host, numbered, each with its sentence. */
export function instructionsFor(board: Renderable, host: HostOs, settings: RenderSettings = DEFAULT_SETTINGS): RenderedInstructions {
  const medium = board.installMethod.medium ? MEDIUM_NAMES[board.installMethod.medium] : 'removable medium';
  const context = { board: board.name, os: settings.osName, medium, host, settings };
  const steps: RenderedStep[] = [];
  for (const { point, steps: pointSteps } of procedureFor(board)) {
    for (const step of pointSteps) {
      if (step.hosts && !step.hosts.includes(host)) continue;
      const fragments = stepSentence(step, context);
      steps.push({ number: steps.length + 1, point, step, fragments, text: plain(fragments) });
    }
  }
  return { board: board.slug, host, installMethod: board.installMethod, unverified: board.instructions.unverified, steps };
}

const UNVERIFIED = 'These steps follow the standard procedure for this install method and have not been confirmed for this board.';

/** Escapes what could start markup inside a list item; with brackets escaped, parentheses cannot form a link. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_\[\]<>~])/g, '\\$1');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only http(s) links become anchors; the sentence schema already refuses anything else. */
function safeHref(href: string): string | undefined {
  return /^https?:\/\/[^\s"<>]+$/.test(href) ? href : undefined;
}

export function toMarkdown(rendered: RenderedInstructions): string {
  const lines = rendered.steps.map(
    (s) =>
      `${s.number}. ${s.fragments.map((f) => (typeof f === 'string' ? escapeMarkdown(f) : safeHref(f.href) ? `[${escapeMarkdown(f.text)}](${f.href})` : escapeMarkdown(f.text))).join('')}`,
  );
  return `${rendered.unverified ? `> ${UNVERIFIED}\n\n` : ''}${lines.join('\n')}\n`;
}

export function toText(rendered: RenderedInstructions): string {
  const lines = rendered.steps.map((s) => `${String(s.number).padStart(2)}. ${s.text}`);
  return `${rendered.unverified ? `Note: ${UNVERIFIED}\n\n` : ''}${lines.join('\n')}\n`;
}

export function toHtml(rendered: RenderedInstructions): string {
  const items = rendered.steps.map((s) => {
    const body = s.fragments
      .map((f) => {
        if (typeof f === 'string') return escapeHtml(f);
        const href = safeHref(f.href);
        return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(f.text)}</a>` : escapeHtml(f.text);
      })
      .join('');
    return `<li data-kind="${escapeHtml(s.step.kind)}">${body}</li>`;
  });
  return `${rendered.unverified ? `<p class="unverified">${escapeHtml(UNVERIFIED)}</p>\n` : ''}<ol>\n${items.join('\n')}\n</ol>\n`;
}

export function renderInstructions(
  board: Renderable,
  host: HostOs,
  format: InstructionFormat,
  settings: RenderSettings = DEFAULT_SETTINGS,
): string {
  const rendered = instructionsFor(board, host, settings);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ ...rendered, steps: rendered.steps.map(({ number, point, step, text }) => ({ number, point, step, text })) }, null, 2)}\n`;
    case 'md':
      return toMarkdown(rendered);
    case 'text':
      return toText(rendered);
    case 'html':
      return toHtml(rendered);
  }
}
