/** Who the server's own commits (an empty project's first commit, merges into spec branches) are by. */
export const SERVER_COMMITTER = {
  GIT_AUTHOR_NAME: "OmoiOS",
  GIT_AUTHOR_EMAIL: "omoios@localhost",
  GIT_COMMITTER_NAME: "OmoiOS",
  GIT_COMMITTER_EMAIL: "omoios@localhost",
} as const;
