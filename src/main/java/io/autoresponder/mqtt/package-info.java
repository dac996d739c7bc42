/**
 * MQTT vocabulary every part uses: topic name and topic filter rules. Depends on nothing of ours. Internal.
 */
package io.autoresponder.mqtt;
