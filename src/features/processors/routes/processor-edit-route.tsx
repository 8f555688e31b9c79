// Placeholder so the build resolves the route; the feature's owner replaces it.
export function Component() {
  return <h1>Coming next</h1>;
}
