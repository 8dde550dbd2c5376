/**
 * Internal: not API; may change without notice. How the stage modules open a media file with FFmpeg: local files
 * only, an allow-list of formats, no playlists or network protocols.
 */
package io.sadtalker.core.media;
