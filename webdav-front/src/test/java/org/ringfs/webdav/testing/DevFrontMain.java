package org.ringfs.webdav.testing;

import org.ringfs.webdav.lock.InMemoryLockStore;
import org.ringfs.webdav.server.FrontSettings;
import org.ringfs.webdav.server.WebDavFront;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A front over an in-memory file system, for running litmus or curl against the front alone. */
public final class DevFrontMain {
    public static void main(String[] args) throws Exception {
        Path users = Path.of(args.length > 1 ? args[1] : "target/dev.users");
        FrontSettings s = new FrontSettings(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), users,
                false, true, null, null);
        WebDavFront front = WebDavFront.start(new InMemoryFileSystem(), new InMemoryLockStore(), s);
        System.out.println("serving " + front.url());
        Thread.currentThread().join();
    }
}
