// The API of the npm package's main entry, built over the bundled resolved data: boards, lookup, filters, instructions.
import { createRegistry, registryData, type Registry, type RegistryData } from '../registry/registry.ts';
import { filterBoards, type BoardFilters } from '../query/filter.ts';
import { instructionsFor, renderInstructions, type InstructionFormat, type RenderedInstructions } from '../instructions/render.ts';
import type { RenderSettings } from '../instructions/sentences.ts';
import type { ResolvedBoard } from '../schema/resolved-board.ts';
import type { HostOs } from '../schema/vocabulary.ts';

export interface Api extends Omit<Registry, 'board'> {
  /** The board with this slug or alias (normalised: "ZE250" and "odroid-u3+" resolve), in constant time. */
  getBoard(slugOrAlias: string): ResolvedBoard | undefined;
  /** Boards matching every given facet. */
  findBoards(filters?: BoardFilters): ResolvedBoard[];
  /** A board's instructions for one host OS, rendered as Markdown, plain text, safe HTML or JSON. */
  instructions(slugOrAlias: string, host: HostOs, format?: InstructionFormat, settings?: RenderSettings): string;
  /** A board's instructions for one host OS as structured, numbered steps. */
  instructionSteps(slugOrAlias: string, host: HostOs, settings?: RenderSettings): RenderedInstructions;
}

export function createApi(data: RegistryData): Api {
  const registry = createRegistry(data);
  const required = (slugOrAlias: string) => {
    const board = registry.board(slugOrAlias);
    if (!board) throw new RangeError(`@boardhub/contracts: no board "${slugOrAlias}"`);
    return board;
  };
  return {
    ...registryData(registry),
    getBoard: registry.board,
    findBoards: (filters = {}) => filterBoards(registry.boards, filters),
    instructions: (slugOrAlias, host, format = 'md', settings) => renderInstructions(required(slugOrAlias), host, format, settings),
    instructionSteps: (slugOrAlias, host, settings) => instructionsFor(required(slugOrAlias), host, settings),
  };
}
