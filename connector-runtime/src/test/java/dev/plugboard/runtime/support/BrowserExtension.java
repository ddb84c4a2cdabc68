package dev.plugboard.runtime.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives each test a fresh {@link Browser} as a parameter, saves a screenshot when the test fails
 * (before the browser closes), and closes it after the test.
 */
public final class BrowserExtension
    implements ParameterResolver, TestExecutionExceptionHandler, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(BrowserExtension.class);
  private final int width;

  public BrowserExtension() {
    this(1280);
  }

  public BrowserExtension(int width) {
    this.width = width;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    Browser browser = Browser.start(name, width);
    context.getStore(NS).put(Browser.class, browser);
    return browser;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    Browser browser = context.getStore(NS).get(Browser.class, Browser.class);
    if (browser != null) {
      try {
        browser.screenshot("failure");
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Browser browser = context.getStore(NS).remove(Browser.class, Browser.class);
    if (browser != null) {
      browser.close();
    }
  }
}
