// The Sign-ins & local models panel. Its data arrives with its issue; until then it says so plainly.
export function SeatsPanel() {
  return (
    <section aria-labelledby="panel-title" className="panel">
      <h1 id="panel-title">Sign-ins & local models</h1>
      <p className="muted">Nothing here yet.</p>
    </section>
  );
}
