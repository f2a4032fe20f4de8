import type { Metadata } from "next";
import { Suspense } from "react";
import { CommandForm } from "./command-form";

export const metadata: Metadata = { title: "Command" };

export default function CommandPage() {
  // The form reads ?mode= and ?prompt= (the palette links here with them).
  return (
    <Suspense>
      <CommandForm />
    </Suspense>
  );
}
