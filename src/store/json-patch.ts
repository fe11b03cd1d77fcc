import { badRequest, unprocessable } from '../fhir/errors.js';

/** RFC 6902 JSON Patch, applied to a copy. A failing "test" or a bad path is a clear error. */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

function parsePointer(pointer: string, where: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`JSON Patch ${where}: path "${pointer}" must start with "/"`);
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, tokens: string[], pointer: string): { parent: any; key: string } {
  let node: any = doc;
  for (const t of tokens.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !(t in node)) throw unprocessable([{ severity: 'error', code: 'processing', diagnostics: `JSON Patch: path "${pointer}" does not exist` }]);
    node = node[t];
  }
  return { parent: node, key: tokens[tokens.length - 1] };
}

function getAt(doc: unknown, pointer: string): unknown {
  let node: any = doc;
  for (const t of parsePointer(pointer, 'from')) {
    if (node === null || typeof node !== 'object' || !(t in node)) throw unprocessable([{ severity: 'error', code: 'processing', diagnostics: `JSON Patch: path "${pointer}" does not exist` }]);
    node = node[t];
  }
  return node;
}

export function applyJsonPatch<T>(document: T, operations: unknown): T {
  if (!Array.isArray(operations)) throw badRequest('A JSON Patch body must be an array of operations');
  let doc: any = structuredClone(document);
  operations.forEach((raw, index) => {
    const op = raw as PatchOperation;
    const where = `operation ${index}`;
    if (!op || typeof op !== 'object' || typeof op.path !== 'string') throw badRequest(`JSON Patch ${where} needs "op" and "path"`);
    const tokens = parsePointer(op.path, where);
    switch (op.op) {
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value)) throw unprocessable([{ severity: 'error', code: 'processing', diagnostics: `JSON Patch ${where}: test failed at "${op.path}"` }]);
        return;
      case 'remove':
      case 'replace':
      case 'add': {
        if (op.op !== 'remove' && !('value' in op)) throw badRequest(`JSON Patch ${where}: "${op.op}" needs a value`);
        if (!tokens.length) {
          if (op.op === 'remove') throw badRequest(`JSON Patch ${where}: cannot remove the whole resource`);
          doc = structuredClone(op.value);
          return;
        }
        const { parent, key } = parentOf(doc, tokens, op.path);
        if (Array.isArray(parent)) {
          const i = key === '-' ? parent.length : Number(key);
          if (!Number.isInteger(i) || i < 0 || i > parent.length || (op.op !== 'add' && i >= parent.length)) throw unprocessable([{ severity: 'error', code: 'processing', diagnostics: `JSON Patch ${where}: index ${key} is out of range at "${op.path}"` }]);
          if (op.op === 'add') parent.splice(i, 0, structuredClone(op.value));
          else if (op.op === 'replace') parent[i] = structuredClone(op.value);
          else parent.splice(i, 1);
        } else if (parent && typeof parent === 'object') {
          if (op.op !== 'add' && !(key in parent)) throw unprocessable([{ severity: 'error', code: 'processing', diagnostics: `JSON Patch ${where}: path "${op.path}" does not exist` }]);
          if (op.op === 'remove') delete parent[key];
          else parent[key] = structuredClone(op.value);
        } else {
          throw unprocessable([{ severity: 'error', code: 'processing', diagnostics: `JSON Patch ${where}: path "${op.path}" does not exist` }]);
        }
        return;
      }
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw badRequest(`JSON Patch ${where}: "${op.op}" needs "from"`);
        const value = structuredClone(getAt(doc, op.from));
        if (op.op === 'move') doc = applyJsonPatch(doc, [{ op: 'remove', path: op.from }]);
        doc = applyJsonPatch(doc, [{ op: 'add', path: op.path, value }]);
        return;
      }
      default:
        throw badRequest(`JSON Patch ${where}: unknown op "${String((op as { op?: unknown }).op)}"`);
    }
  });
  return doc;
}
