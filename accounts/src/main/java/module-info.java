/** Sync Gateway-style accounts for a c4j listener: users, roles, sessions, OpenID Connect, admin REST API. */
module org.c4j.accounts {
    requires transitive org.c4j.socket;
    requires com.nimbusds.jose.jwt;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires org.slf4j;
    requires java.naming;
    exports org.c4j.accounts;
}
