// The Keys panel. Its data arrives with its issue; until then it says so plainly.
export function KeysPanel() {
  return (
    <section aria-labelledby="panel-title" className="panel">
      <h1 id="panel-title">Keys</h1>
      <p className="muted">Nothing here yet.</p>
    </section>
  );
}
