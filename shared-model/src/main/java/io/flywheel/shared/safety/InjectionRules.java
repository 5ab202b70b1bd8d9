package io.flywheel.shared.safety;

import java.util.List;

/**
 * The default prompt-injection rule set. Each rule and its weight is documented in {@code docs/assistant-safety.md};
 * keep the two in step. Weights are chosen so that one strong signal (ignore previous instructions, system prompt
 * exfiltration) reaches the default threshold of 0.5 alone, and weak signals (a long base64 blob) only count together.
 */
public final class InjectionRules {

    private InjectionRules() {
    }

    public static List<InjectionRule> defaults() {
        return List.of(
                InjectionRule.of("ignore-previous", 0.6,
                        "asks to ignore, disregard or forget earlier instructions",
                        "\\b(ignore|disregard|forget|skip|override)\\b.{0,30}\\b(previous|prior|above|earlier|preceding"
                                + "|all|any|your|the)\\b.{0,20}\\b(instructions?|rules|prompts?|directions|guidelines"
                                + "|context)\\b"),
                InjectionRule.of("role-override", 0.45,
                        "tries to give the assistant a new identity or unrestricted mode",
                        "\\b(you are now|from now on,? you|act as|pretend (to be|you are)|roleplay as|you will now "
                                + "be)\\b.{0,40}\\b(unrestricted|unfiltered|jailbroken|dan|evil|without (any )?"
                                + "(rules|restrictions|limits)|developer mode|no (rules|restrictions|limits))\\b"),
                InjectionRule.of("jailbreak-keyword", 0.4,
                        "names a known jailbreak (DAN, developer mode, do anything now)",
                        "\\b(do anything now|developer mode (enabled|on)|jailbreak(ed)?|dan mode)\\b"),
                InjectionRule.of("system-prompt-exfiltration", 0.6,
                        "asks to reveal the system prompt or hidden instructions",
                        "\\b(reveal|show|print|repeat|output|display|leak|tell me|what (is|are)|give me)\\b.{0,30}"
                                + "\\b(system|hidden|initial|original|secret|developer)\\s+(prompt|instructions?"
                                + "|message)\\b"),
                InjectionRule.of("fake-delimiter", 0.45,
                        "forges a chat-template delimiter or a role header to smuggle a system turn",
                        "(<\\|?(im_start|im_end|system|endoftext)\\|?>|\\[/?inst\\]|<<\\s*sys\\s*>>|(^|\\n)\\s*#{2,}"
                                + "\\s*(system|instruction)|(^|\\n)\\s*(system|assistant)\\s*:)"),
                InjectionRule.of("safety-bypass", 0.5,
                        "asks to disable safety checks, filters or policies",
                        "\\b(bypass|disable|turn off|ignore|override|deactivate|circumvent)\\b.{0,20}\\b(safety|"
                                + "filters?|guardrails?|moderation|content polic(y|ies)|restrictions|censorship)\\b"),
                InjectionRule.of("encoded-payload", 0.35,
                        "asks to decode and follow an encoded text (base64, rot13, hex)",
                        "\\b(decode|decrypt|deobfuscate|translate)\\b.{0,30}\\b(base ?64|rot ?13|hex|morse|binary)\\b"),
                InjectionRule.of("base64-blob", 0.25,
                        "carries a long base64-looking blob that may hide instructions",
                        "[a-z0-9+/]{48,}={0,2}"),
                InjectionRule.of("tool-abuse", 0.4,
                        "asks a tool to run a command, reach an address or delete data",
                        "\\b(call|invoke|run|execute|use)\\b.{0,20}\\b(tool|function|command|shell|plugin)\\b.{0,40}"
                                + "(rm -rf|curl |wget |drop table|delete (all|every)|truncate|shutdown|https?://)"),
                InjectionRule.of("data-exfiltration", 0.35,
                        "asks to send the conversation or data to an outside address",
                        "\\b(send|post|upload|forward|exfiltrate|email)\\b.{0,40}\\b(to|at)\\b.{0,10}(https?://|"
                                + "[a-z0-9._%+-]+@[a-z0-9.-]+)"),
                InjectionRule.raw("invisible-characters", 0.3,
                        "hides characters (zero-width, bidirectional overrides) in the text",
                        InjectionDetector.INVISIBLE_CHARACTERS));
    }
}
