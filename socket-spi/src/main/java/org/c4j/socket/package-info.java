/**
 * The socket SPI: {@link org.c4j.socket.C4Socket}, {@link org.c4j.socket.SocketFactory},
 * {@link org.c4j.socket.SocketDelegate}, {@link org.c4j.socket.SocketAcceptor}, the typed
 * {@link org.c4j.socket.C4Exception} and the encoded {@link org.c4j.socket.OptionsDict options dictionary}.
 */
package org.c4j.socket;
