package org.ringfs.webdav.dav;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.http.exceptions.BadRequestException;
import io.milton.http.exceptions.ConflictException;
import io.milton.http.exceptions.NotAuthorizedException;
import io.milton.http.exceptions.NotFoundException;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;

/**
 * The last filter: hands the request to its method's handler, like Milton's StandardFilter, and
 * answers a file system error with its own HTTP status ({@link ErrorCode#httpStatus()}) instead of
 * Milton's blanket 500.
 */
public final class DavDispatcher implements Filter {
    private static final Logger log = LoggerFactory.getLogger(DavDispatcher.class);

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        HttpManager manager = chain.getHttpManager();
        Handler handler = manager.getMethodHandler(request.getMethod());
        if (handler == null) {
            Replies.empty(response, 501);
            return;
        }
        try {
            handler.process(manager, request, response);
            if (response.getEntity() != null) manager.sendResponseEntity(response);
            response.close();
        } catch (StoreFailure e) {
            answer(request, response, e.error());
        } catch (BadRequestException e) {
            Replies.empty(response, 400);
        } catch (ConflictException e) {
            Replies.empty(response, 409);
        } catch (NotAuthorizedException e) {
            manager.getResponseHandler().respondUnauthorised(e.getResource(), response, request);
        } catch (NotFoundException e) {
            Replies.empty(response, 404);
        } catch (UncheckedIOException e) {
            // The client hung up or sent less than it announced: nothing useful can reach it.
            log.info("{} {}: {}", request.getMethod(), request.getAbsolutePath(), e.getMessage());
            Replies.empty(response, 400);
        } catch (Exception e) {
            RingFsException ring = ringCause(e);
            if (ring != null) {
                answer(request, response, ring);
                return;
            }
            log.error("{} {} failed", request.getMethod(), request.getAbsolutePath(), e);
            Replies.empty(response, 500);
        }
    }

    private static void answer(Request request, Response response, RingFsException e) {
        int status = e.code().httpStatus();
        if (status >= 500) log.warn("{} {}: {}", request.getMethod(), request.getAbsolutePath(), e.toString());
        Replies.empty(response, status);
    }

    private static RingFsException ringCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RingFsException r) return r;
            if (t instanceof StoreFailure s) return s.error();
        }
        return null;
    }
}
