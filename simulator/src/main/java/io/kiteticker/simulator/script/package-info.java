/**
 * Scripted faults and on-demand messages: the verbs of {@link io.kiteticker.simulator.script.ConnectionScript},
 * implemented by every {@link io.kiteticker.simulator.SimulatedConnection}, and the kinds of
 * {@link io.kiteticker.simulator.script.Malformation} it can send.
 */
package io.kiteticker.simulator.script;
