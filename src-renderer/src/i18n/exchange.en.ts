/** English strings of the exchange screens (merged into the translation resources by index.ts). */
export const exchangeEn = {} as const;
