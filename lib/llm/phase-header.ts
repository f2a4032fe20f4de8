/** Names the spec phase a model call belongs to, so the proxy bills its tokens and cost to that phase. */
export const PHASE_HEADER = "x-omoi-phase";
