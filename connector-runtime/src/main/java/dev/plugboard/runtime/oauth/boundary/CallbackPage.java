package dev.plugboard.runtime.oauth.boundary;

/**
 * The page a person sees when an authorization cannot be completed and there is no connection to
 * send them back to: what happened and what to do, self-contained (no scripts, no external files),
 * every text escaped.
 */
final class CallbackPage {

  private CallbackPage() {}

  static String render(String title, String message, String contextPath) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>%1$s \u00b7 Plugboard</title>
        <style>
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;\
        background:#f5f6f8;color:#1d2433}
        main{max-width:34rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;\
        box-shadow:0 1px 3px rgba(0,0,0,.12)}
        h1{font-size:1.35rem;margin:0 0 .75rem}
        p{margin:0 0 1rem}
        a{color:#2f5fd0}
        </style>
        </head>
        <body>
        <main role="main">
        <h1>%1$s</h1>
        <p>%2$s</p>
        <p><a href="%3$s/admin/">Go to the admin console</a></p>
        </main>
        </body>
        </html>
        """
        .formatted(escape(title), escape(message), escape(contextPath));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
