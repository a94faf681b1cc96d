/** How closely gradient `a` matches reference `b`: relative L2 error and fraction of equal signs. */
export function gradientAgreement(a: ArrayLike<number>, b: ArrayLike<number>): { relL2: number; sameSign: number } {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 0;
  let sameSign = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
    if (Math.sign(a[i]) === Math.sign(b[i])) sameSign++;
  }
  return { relL2: Math.sqrt(num / den), sameSign: sameSign / a.length };
}
