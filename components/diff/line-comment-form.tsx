"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { reviewCommentInputSchema, type ReviewCommentInput } from "@/lib/tickets/review-schemas";
import { errorMessage, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { lineName, type CommentTarget } from "./comment-anchors";

/**
 * The small form a line's "+" opens: one textarea and "Add comment". It stays open with the text when the server
 * refuses (a 422 when the line is no longer in the diff says so), and closes only once the comment is stored.
 */
export function LineCommentForm({
  path,
  target,
  onSubmit,
  onClose,
}: {
  path: string;
  target: CommentTarget;
  onSubmit: (input: ReviewCommentInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  // Focused on opening: the "+" that opened the form was the person's way of saying they want to type here.
  useEffect(() => textarea.current?.focus({ preventScroll: true }), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = reviewCommentInputSchema.safeParse({ path, line: target.line, side: target.side, body });
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues));
      return;
    }
    setFields({});
    setFailure(null);
    setPending(true);
    try {
      await onSubmit(parsed.data);
      onClose();
    } catch (error) {
      const serverFields = fieldErrorsOf(error);
      setFields(serverFields);
      // The body's error shows at the textarea. Anything else — the line or file is no longer in the diff (422 on
      // `line` or `path`, which have no control here), a lost connection — shows above the buttons, with its detail.
      const others = Object.entries(serverFields).flatMap(([field, messages]) => (field === "body" ? [] : messages.slice(0, 1)));
      setFailure(serverFields.body && others.length === 0 ? null : [errorMessage(error), ...others].join(": "));
    } finally {
      setPending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <form
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={`New comment on ${lineName(path, target)}`}
      className="space-y-2 rounded-md border border-zinc-200 bg-white p-3 font-sans"
    >
      <Field label="Comment" error={fields.body}>
        {(control) => (
          <Textarea
            {...control}
            ref={textarea}
            rows={3}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            placeholder={`What should change on line ${target.line}?`}
          />
        )}
      </Field>
      {failure ? (
        <p role="alert" className="text-xs text-red-700">
          {failure}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" size="sm" loading={pending}>
          Add comment
        </Button>
      </div>
    </form>
  );
}
