/** Input and output: CSV sources, model files, CSV and JSON outputs, charts. */
package dev.segmentation.io;
