/** gareport's version; part of every build fingerprint, so a new version re-renders everything. */
export const VERSION = '0.1.0';
