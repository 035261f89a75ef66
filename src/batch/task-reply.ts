/**
 * A task's result as it crosses threads: its diagnostics as plain data, since structured cloning
 * keeps only the message and stack of an Error (a vfile message is one) and drops its position.
 */
import type { DiagnosticData } from '../diagnostics/diagnostics.js';
import { diagnosticData, diagnosticFromData } from '../diagnostics/diagnostics.js';
import type { CountryResult, TaskResult } from './tasks.js';

export type TaskReply = (Omit<CountryResult, 'diagnostics'> & { diagnostics: DiagnosticData[] }) | string[];

export function toReply(result: TaskResult): TaskReply {
  return Array.isArray(result) ? result : { ...result, diagnostics: result.diagnostics.map(diagnosticData) };
}

export function fromReply(reply: TaskReply): TaskResult {
  return Array.isArray(reply) ? reply : { ...reply, diagnostics: reply.diagnostics.map(diagnosticFromData) };
}
