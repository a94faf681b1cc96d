// Where a colour channel's move ended, as the step views mark it: where the step sent it, at the
// ε-ball's edge, or at 0 or 1. Plain data, shared by the worker's tensor math and the page's drawing.
export const CLIP = { free: 0, ball: 1, range: 2 } as const;
