package dev.plugboard.runtime.oauth.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackPageTest {

  @Test
  void everythingShownIsEscaped() {
    String page = CallbackPage.render("<b>Title</b>", "It's \"bad\" & <script>x</script>", "");

    assertThat(page)
        .contains("&lt;b&gt;Title&lt;/b&gt;")
        .contains("It&#39;s &quot;bad&quot; &amp; &lt;script&gt;")
        .doesNotContain("<script>")
        .contains("href=\"/admin/\"");
  }
}
