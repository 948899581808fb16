package org.boxoffice.infrastructure.web;

import java.util.Set;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;

/** Tomcat's NIO connector with its open connections in view, so that {@link RequestDeadlines} can end slow ones. */
public class DeadlineHttp11NioProtocol extends Http11NioProtocol {

    Set<SocketWrapperBase<NioChannel>> openConnections() {
        return getEndpoint().getConnections();
    }
}
