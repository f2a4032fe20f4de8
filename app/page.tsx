import { redirect } from "next/navigation";
import { readPageSession } from "@/app/read-page-session";

export default async function HomePage() {
  redirect((await readPageSession()) ? "/projects" : "/sign-in");
}
