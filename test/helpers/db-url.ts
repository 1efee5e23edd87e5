/** `adminUrl` pointed at `database` with other credentials. */
export function appUrl(adminUrl: string, database: string, as: { user: string; password: string }): string {
  const u = new URL(adminUrl);
  u.username = encodeURIComponent(as.user);
  u.password = encodeURIComponent(as.password);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
