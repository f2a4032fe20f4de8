import type { ComponentProps } from "react";
import { controlClasses } from "@/components/ui/input";

export function Select({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <select className={`${controlClasses} h-8 cursor-pointer pr-8 ${className ?? ""}`} {...props}>
      {children}
    </select>
  );
}
