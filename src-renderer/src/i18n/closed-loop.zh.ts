/** Chinese strings of the closed-loop screens (merged into the translation resources by index.ts). */
export const closedloopZh = {} as const;
