import type { Metadata } from "next";
import { TicketDetailView } from "@/components/tickets/ticket-detail-view";

export const metadata: Metadata = { title: "Ticket" };

export default async function TicketPage({ params }: { params: Promise<{ projectId: string; ticketId: string }> }) {
  const { projectId, ticketId } = await params;
  return <TicketDetailView projectId={projectId} ticketId={ticketId} />;
}
