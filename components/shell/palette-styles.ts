// The classes every palette group and item share, so the sub-lists look like the root list.

export const itemClasses =
  "flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm text-zinc-700 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900";
export const groupClasses =
  "px-1 py-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-zinc-500";
