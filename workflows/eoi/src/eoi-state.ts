/** The EOI case as plain data, carried through continue-as-new. Under construction. */
export interface EoiSnapshot {
  eoiId: string;
}
