import type { Metadata } from "next";
import { CommandForm } from "./command-form";

export const metadata: Metadata = { title: "Command" };

export default function CommandPage() {
  return <CommandForm />;
}
