/** The channel of the one IPC call between the preload and the main process (no electron import: the preload bundle inlines it). */
export const IPC_CHANNEL = 'safetynet:invoke';
