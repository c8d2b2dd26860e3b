package com.userautomations.analyst;

import com.userautomations.common.Problem;
import com.userautomations.engine.RuleStopped;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An event whose analysts' rules were stopped: its transaction rolled back, the answer says which rule. */
public class RuleStoppedMapper {
    @ServerExceptionMapper
    public Response stopped(RuleStopped e) {
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(RuleLimits.problem(e)).build();
    }
}
