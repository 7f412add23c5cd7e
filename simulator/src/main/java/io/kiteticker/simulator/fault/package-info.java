/**
 * Faults at random times from a seed, for soak runs and for {@code ./kite simulate}: the kinds
 * ({@link io.kiteticker.simulator.fault.FaultKind}), a plan of when and which
 * ({@link io.kiteticker.simulator.fault.FaultPlan}), the injector that applies one fault to a random open connection
 * ({@link io.kiteticker.simulator.fault.FaultInjector}), the timer that runs a plan
 * ({@link io.kiteticker.simulator.fault.FaultSchedule}) and the line commands of the control channel
 * ({@link io.kiteticker.simulator.fault.FaultConsole}).
 */
package io.kiteticker.simulator.fault;
