import type { ComponentProps } from "react";
import { controlClasses } from "@/components/ui/input";

export function Textarea({ className, rows = 3, ...props }: ComponentProps<"textarea">) {
  return <textarea rows={rows} className={`${controlClasses} py-1.5 leading-relaxed ${className ?? ""}`} {...props} />;
}
