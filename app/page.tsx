import { redirect } from "next/navigation";
import { getSession } from "@/components/auth/get-session";

export default async function HomePage() {
  redirect((await getSession()) ? "/projects" : "/sign-in");
}
