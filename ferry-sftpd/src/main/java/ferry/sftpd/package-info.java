/**
 * The SFTP and SCP server: MINA SSHD with Ferry's authenticators and a per-session NIO FileSystem
 * adapter over {@code ferry.core.session.FileSession}. A thin front end: permissions, quotas and
 * transfer records live in the core.
 */
package ferry.sftpd;
