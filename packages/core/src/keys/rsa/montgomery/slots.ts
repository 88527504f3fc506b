// The storage of an exponentiation: table slots 0..31 hold x^0..x^31 (Montgomery form) for 5-bit fixed windows,
// then the named slots. Each an exported constant so that a bundler inlines the number at each use; limbs.ts
// re-exports them (the named slots as `SLOT`, read as `SLOT.acc`). Internal module.

/** Bits per fixed exponent window. */
export const WINDOW_BITS = 5;
/** Table slots (x^0..x^31). */
export const TABLE_SIZE = 1 << WINDOW_BITS;
/** The accumulator of an exponentiation. */
export const acc = TABLE_SIZE;
/** A temporary (the selected table entry, the base in Montgomery form). */
export const tmp = TABLE_SIZE + 1;
/** A plain value before it enters Montgomery form. */
export const base = TABLE_SIZE + 2;
/** R² mod the modulus (enters Montgomery form). */
export const r2 = TABLE_SIZE + 3;
/** The plain number 1 (leaves Montgomery form). */
export const one = TABLE_SIZE + 4;
