import { escapeHtml } from './escape-html.js';

/**
 * Renders the sign-in form. It says nothing about why a previous attempt failed beyond that it
 * did: no hint whether a key exists, expired, or how close a guess was.
 *
 * @example
 * ```ts
 * import { renderLoginPage } from './render-login-page.js';
 * const html = renderLoginPage({ title: 'Driftwatch', baseHref: '/driftwatch/', next: 'drift?model=churn', failed: false });
 * ```
 */
export function renderLoginPage(options: { title: string; baseHref: string; next: string; failed: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Sign in · ${escapeHtml(options.title)}</title>
<base href="${escapeHtml(options.baseHref)}">
<link rel="stylesheet" href="assets/dashboard.css">
</head>
<body class="login">
<main class="login-box">
<h1>${escapeHtml(options.title)}</h1>
<form method="post" action="login">
<label for="key">API key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<button type="submit" class="primary">Sign in</button>
</form>
${options.failed ? '<p class="error" role="alert">Sign-in failed.</p>' : ''}
</main>
</body>
</html>
`;
}
