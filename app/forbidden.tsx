import Link from "next/link";

/** The 403 page: a signed-in user opened a page, or called an action, that their role does not allow. */
export default function Forbidden() {
  return (
    <div role="alert" className="max-w-2xl rounded-lg border border-amber-200 bg-amber-50 p-6 text-sm text-amber-900">
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1">Your role cannot open this page or do this. Ask an admin of your team if you need it.</p>
      <Link href="/" className="mt-3 inline-block underline">Back to the datasets</Link>
    </div>
  );
}
