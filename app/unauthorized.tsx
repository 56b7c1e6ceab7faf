import Link from "next/link";

/** The 401 page: a server action was called without a session (it ended, or the caller never signed in). */
export default function Unauthorized() {
  return (
    <div role="alert" className="max-w-2xl rounded-lg border border-amber-200 bg-amber-50 p-6 text-sm text-amber-900">
      <h1 className="text-lg font-semibold">Sign in first</h1>
      <p className="mt-1">Your session has ended, or you are not signed in.</p>
      <Link href="/sign-in" className="mt-3 inline-block underline">Sign in</Link>
    </div>
  );
}
