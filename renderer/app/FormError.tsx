// The one way a failed action tells the user what went wrong: `role="alert"` so screen readers announce it
// the moment it appears, whichever panel it is in.
export function FormError({ message, inline = false }: { message: string | null | undefined; inline?: boolean }) {
  if (!message) return null;
  return inline ? (
    <span className="form-error" role="alert">
      {message}
    </span>
  ) : (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
