/**
 * Internal: not API; may change without notice. How the stage modules open a media file with FFmpeg (local files
 * only, an allow-list of formats, no playlists or network protocols) and create the part file a result is written
 * to before it is moved into place.
 */
package io.sadtalker.core.media;
