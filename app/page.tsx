import { redirect } from "next/navigation";
import { readPageSession } from "@/lib/auth/read-session";

export default async function HomePage() {
  redirect((await readPageSession()) ? "/projects" : "/sign-in");
}
