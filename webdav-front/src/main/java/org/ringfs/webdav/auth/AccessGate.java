package org.ringfs.webdav.auth;

import io.milton.http.AuthenticationService;
import io.milton.http.AuthenticationService.AuthStatus;
import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Request;
import io.milton.http.Response;
import io.prometheus.metrics.core.metrics.Counter;
import org.ringfs.metrics.Refusal;
import org.ringfs.metrics.ServerMetrics;

import java.time.Duration;

/**
 * The first filter: a request goes on only with a user's valid Basic or Digest credentials, or
 * without any when the front was opened to anonymous users (but for the cluster's status page, which
 * always wants a user). OPTIONS always goes on, because
 * Windows and macOS probe with it before they send credentials. Failed logins are throttled per
 * client address. Once a request passes, Milton sees it as pre-authenticated. The front's metrics
 * count each failed login as the refusal {@code login_failed} and each attempt made to wait
 * ({@code ringfs_webdav_throttled_logins_total}).
 */
public final class AccessGate implements Filter {
    private final AuthenticationService authentication;
    private final LoginRealm realm;
    private final LoginThrottle throttle;
    private final boolean anonymous;
    private final ServerMetrics metrics;
    private final Counter throttled;

    public AccessGate(AuthenticationService authentication, LoginRealm realm, LoginThrottle throttle, boolean anonymous,
                      ServerMetrics metrics) {
        this.authentication = authentication;
        this.realm = realm;
        this.throttle = throttle;
        this.anonymous = anonymous;
        this.metrics = metrics;
        this.throttled = Counter.builder().name("ringfs_webdav_throttled_logins_total")
                .help("Login attempts made to wait because their address failed to log in too often")
                .register(metrics.registry());
    }

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        if (request.getMethod() == Request.Method.OPTIONS) {
            chain.process(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if (request.getAuthorization() == null) {
            // The cluster's status is never open: it wants a user even where the drive admits anyone.
            if (anonymous && !org.ringfs.webdav.browser.BrowserFilter.isStatusPage(request)) {
                chain.process(request, response);
            } else {
                challenge(chain, request, response);
            }
            return;
        }
        Duration delay = throttle.delayFor(address);
        if (!delay.isZero()) throttled.inc();
        pause(delay);
        AuthStatus status = authentication.authenticate(realm, request);
        if (status != null && !status.loginFailed) {
            throttle.succeeded(address);
            chain.process(request, response);
            return;
        }
        if (status != null) {
            throttle.failed(address);
            metrics.refused(Refusal.LOGIN_FAILED);
        }
        challenge(chain, request, response);
    }

    private void challenge(FilterChain chain, Request request, Response response) {
        chain.getHttpManager().getResponseHandler().respondUnauthorised(realm, response, request);
    }

    private static void pause(Duration d) {
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
