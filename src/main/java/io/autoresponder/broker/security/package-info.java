/**
 * Who may connect, publish and subscribe: authentication, password hashes, the ACL. Internal.
 */
package io.autoresponder.broker.security;
