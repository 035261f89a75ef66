/**
 * A task's result as it crosses threads: its diagnostics as plain data, since structured cloning
 * keeps only the message and stack of an Error (a vfile message is one) and drops its position.
 */
import type { DiagnosticData } from '../diagnostics/diagnostics.js';
import { diagnosticData, diagnosticFromData } from '../diagnostics/diagnostics.js';
import type { CountryResult, DocumentResult, TaskResult } from './tasks.js';

export type TaskReply =
  | (Omit<CountryResult, 'diagnostics'> & { diagnostics: DiagnosticData[] })
  | DocumentResult
  | string[];

export function toReply(result: TaskResult): TaskReply {
  if (Array.isArray(result) || !('diagnostics' in result)) return result;
  return { ...result, diagnostics: result.diagnostics.map(diagnosticData) };
}

export function fromReply(reply: TaskReply): TaskResult {
  if (Array.isArray(reply) || !('diagnostics' in reply)) return reply;
  return { ...reply, diagnostics: reply.diagnostics.map(diagnosticFromData) };
}
