// The Credits panel. Its data arrives with its issue; until then it says so plainly.
export function CreditsPanel() {
  return (
    <section aria-labelledby="panel-title" className="panel">
      <h1 id="panel-title">Credits</h1>
      <p className="muted">Nothing here yet.</p>
    </section>
  );
}
