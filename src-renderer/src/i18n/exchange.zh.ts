/** Chinese strings of the exchange screens (merged into the translation resources by index.ts). */
export const exchangeZh = {} as const;
